// The tests drive the openssl and curl command lines and check Unix file modes: Linux/macOS only.
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
