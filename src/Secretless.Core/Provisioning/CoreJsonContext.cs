using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Secretless.Core.Delivery;
using Secretless.Core.Errors;

namespace Secretless.Core.Provisioning;

/// <summary>Source-generated (AOT-safe) JSON for the bodies the core writes.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ProvisioningResponseBody))]
[JsonSerializable(typeof(ProblemBody))]
[JsonSerializable(typeof(LatentDeliveryBody))]
[JsonSerializable(typeof(string))]
public sealed partial class CoreJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The same contracts with only what JSON requires escaped, for the answers whose every value
    /// the service makes (PEM, URLs, ids, times): a certificate's <c>+</c> and a URL's <c>&amp;</c>
    /// stay as they are instead of <c>\u002B</c> and <c>\u0026</c>, as the reference sample's
    /// Python answer writes them, so a small firmware JSON parser needs no <c>\u</c> decoding (and
    /// the escaping costs no CPU). Problem bodies, which may echo device input, keep the default.
    /// Made on first use: static initializers of the generated half may run after this file's.
    /// </summary>
    public static CoreJsonContext Relaxed =>
        field ??= new(new JsonSerializerOptions(Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
