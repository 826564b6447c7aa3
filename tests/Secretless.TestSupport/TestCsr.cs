using System.Text;

namespace Secretless.TestSupport;

/// <summary>A CSR made by openssl: the PEM file, its text and DER, and the header a device sends.</summary>
public sealed record TestCsr(string PemPath, string Pem, byte[] Der)
{
    /// <summary>Base64 of the PEM text, exactly as <c>base64 -w0 device.csr</c> makes it.</summary>
    public string DeviceCsrHeader => Convert.ToBase64String(Encoding.UTF8.GetBytes(Pem));

    /// <summary>Base64 of the DER (the other accepted header form).</summary>
    public string DeviceCsrHeaderDer => Convert.ToBase64String(Der);
}
