enum CandlestickIndicators {
    static let all: [IndicatorSpec] = []
}
