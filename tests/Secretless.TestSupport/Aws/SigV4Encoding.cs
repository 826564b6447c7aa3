using System.Text;

namespace Secretless.TestSupport.Aws;

/// <summary>The RFC 3986 percent-encoding SigV4 canonicalisation uses (only A-Z a-z 0-9 - _ . ~ stay as they are).</summary>
internal static class SigV4Encoding
{
    public static string Encode(string value, bool keepSlash)
    {
        var builder = new StringBuilder(value.Length + 16);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (IsUnreserved(c) || (keepSlash && c == '/'))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary>Decodes %XX escapes only; a '+' stays a '+' (SigV4 does not treat it as a space).</summary>
    public static string Decode(string value) => Uri.UnescapeDataString(value);

    private static bool IsUnreserved(char c) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~';
}
