enum PriceIndicators {
    static let all: [IndicatorSpec] = []
}
