enum StatisticIndicators {
    static let all: [IndicatorSpec] = []
}
