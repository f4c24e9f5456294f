/// The version printed by `tape --version` and written into every session header.
public enum TapeVersion {
    public static let string = "0.1.0"
}
