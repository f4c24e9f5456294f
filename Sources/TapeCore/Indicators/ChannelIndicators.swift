enum ChannelIndicators {
    static let all: [IndicatorSpec] = []
}
