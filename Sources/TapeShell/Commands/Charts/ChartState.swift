/// The chart being grown at the prompt, and how charts are shown. One per workspace.
final class ChartState {
    var settings = ChartSettings()
    /// The last price chart drawn, which `panel`, `chart add` and `chart drop` change.
    var chart: PriceChart?
    /// The dataset the chart's series are evaluated against.
    var datasetName: String?
}
