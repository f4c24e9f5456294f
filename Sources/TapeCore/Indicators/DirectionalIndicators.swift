enum DirectionalIndicators {
    static let all: [IndicatorSpec] = []
}
