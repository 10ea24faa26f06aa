/// This glimpse's version: `glimpse --version`, the shell's banner, notebooks.
public enum GlimpseVersion {
    public static let string = "0.1.0"
}
