import TapeCore

/// How numbers read in model output: percentages for rates and accuracies, through the
/// one formatter so output is the same on every machine.
public enum ModelText {
    /// 0.002 -> "0.2%".
    public static func percent(_ x: Double, _ decimals: Int = 2) -> String {
        x.isNaN ? "n/a" : Format.fixed(x * 100, decimals, trimmingZeros: true) + "%"
    }
}
