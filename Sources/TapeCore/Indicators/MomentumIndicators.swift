enum MomentumIndicators {
    static let all: [IndicatorSpec] = []
}
