enum VolumeIndicators {
    static let all: [IndicatorSpec] = []
}
