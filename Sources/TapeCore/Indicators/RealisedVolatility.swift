enum RealisedVolatility {
    static let all: [IndicatorSpec] = []
}
