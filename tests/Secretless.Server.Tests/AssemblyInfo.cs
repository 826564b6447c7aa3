// The tests drive the openssl, curl and base64 command lines: Linux/macOS only.
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
