/// FayuanCore: the domain of the console, pure Swift with no I/O.
/// Files, clocks and random sources are passed in, so every rule and deadline is testable.
public enum FayuanCore {
    /// Product version shown in the title bar and `fayuan --version`.
    public static let version = "0.1.0"
}
