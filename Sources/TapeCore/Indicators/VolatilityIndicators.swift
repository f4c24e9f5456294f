enum VolatilityIndicators {
    static let all: [IndicatorSpec] = []
}
