using System.Text.Json;
using System.Text.Json.Nodes;

namespace Secretless.TestSupport.Aws;

/// <summary>
/// The REST-JSON face of <see cref="FakeIot"/>: routes method + path (labels percent-decoded)
/// to an operation, and answers errors with <c>x-amzn-ErrorType</c> and <c>{"message": …}</c>
/// at the status AWS IoT uses for that code.
/// </summary>
internal sealed class IotRequestHandler(FakeIot iot)
{
    public const string ContentType = "application/json";
    private const string ErrorTypeSuffix = ":http://internal.amazon.com/coral/com.amazonaws.iot/";

    public static FakeAwsReply ErrorReply(string code, string message, IReadOnlyDictionary<string, string> fields, int? status = null)
    {
        var body = new JsonObject { ["message"] = message };
        foreach (var (name, value) in fields)
        {
            body[name] = value;
        }

        var reply = FakeAwsReply.Json(body, ContentType, status ?? IotErrorStatus.For(code));
        return reply with { Headers = new Dictionary<string, string> { ["x-amzn-ErrorType"] = code + ErrorTypeSuffix } };
    }

    public FakeAwsReply Handle(SigV4Request request, Action<string> recordCall, FailureInjector failures)
    {
        var segments = request.RawPath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(SigV4Encoding.Decode).ToArray();
        var (operation, label) = Route(request.Method, segments);
        if (operation is null)
        {
            return ErrorReply("UnknownOperationException", $"No operation for {request.Method} {request.RawPath}.", new Dictionary<string, string>());
        }

        recordCall(operation);
        if (failures.Take(operation) is { } injected)
        {
            return ErrorReply(injected, injected == "ThrottlingException" ? "Rate exceeded" : $"{injected} injected by the test.", new Dictionary<string, string>());
        }

        try
        {
            using var document = JsonDocument.Parse(request.Body.Length == 0 ? "null"u8.ToArray() : request.Body);
            var call = new IotCall(operation, label, ParseQuery(request.RawQuery), request.Headers, document.RootElement);
            var certificates = new IotCertificateOperations(iot);
            var registry = new IotRegistryOperations(iot);
            var cas = new IotCaOperations(iot);
            var policies = new IotPolicyOperations(iot);
            return operation switch
            {
                "CreateCertificateFromCsr" => certificates.CreateCertificateFromCsr(call),
                "RegisterCertificate" => certificates.RegisterCertificate(call, withCa: true),
                "RegisterCertificateWithoutCA" => certificates.RegisterCertificate(call, withCa: false),
                "RegisterCACertificate" => cas.RegisterCaCertificate(call),
                "UpdateCACertificate" => cas.UpdateCaCertificate(call),
                "DescribeCertificate" => certificates.DescribeCertificate(call),
                "UpdateCertificate" => certificates.UpdateCertificate(call),
                "DeleteCertificate" => certificates.DeleteCertificate(call),
                "ListCertificatesByCA" => cas.ListCertificatesByCa(call),
                "GetRegistrationCode" => Ok(new JsonObject { ["registrationCode"] = iot.RegistrationCode }),
                "CreateThing" => registry.CreateThing(call),
                "DescribeThing" => registry.DescribeThing(call),
                "DeleteThing" => registry.DeleteThing(call),
                "CreatePolicy" => policies.CreatePolicy(call),
                "GetPolicy" => policies.GetPolicy(call),
                "AttachPolicy" => policies.AttachPolicy(call),
                "DetachPolicy" => policies.DetachPolicy(call),
                "AttachThingPrincipal" => registry.AttachThingPrincipal(call),
                "DetachThingPrincipal" => registry.DetachThingPrincipal(call),
                "ListThingPrincipals" => registry.ListThingPrincipals(call),
                "DescribeEndpoint" => registry.DescribeEndpoint(call),
                _ => ErrorReply("UnknownOperationException", $"The fake does not implement {operation}.", new Dictionary<string, string>()),
            };
        }
        catch (JsonException)
        {
            return ErrorReply("InvalidRequestException", "The request body is not valid JSON.", new Dictionary<string, string>());
        }
        catch (FakeAwsServiceError error)
        {
            return ErrorReply(error.ErrorCode, error.Message, error.Fields);
        }
    }

    public static FakeAwsReply Ok(JsonNode body) => FakeAwsReply.Json(body, ContentType);

    public static FakeAwsReply OkEmpty() => FakeAwsReply.Empty(ContentType);

    private static (string? Operation, string? Label) Route(string method, string[] s) => (method, s.Length) switch
    {
        ("POST", 1) when s[0] == "certificates" => ("CreateCertificateFromCsr", null),
        ("POST", 2) when s[0] == "certificate" && s[1] == "register" => ("RegisterCertificate", null),
        ("POST", 2) when s[0] == "certificate" && s[1] == "register-no-ca" => ("RegisterCertificateWithoutCA", null),
        ("POST", 1) when s[0] == "cacertificate" => ("RegisterCACertificate", null),
        ("PUT", 2) when s[0] == "cacertificate" => ("UpdateCACertificate", s[1]),
        ("GET", 2) when s[0] == "certificates" => ("DescribeCertificate", s[1]),
        ("PUT", 2) when s[0] == "certificates" => ("UpdateCertificate", s[1]),
        ("DELETE", 2) when s[0] == "certificates" => ("DeleteCertificate", s[1]),
        ("GET", 2) when s[0] == "certificates-by-ca" => ("ListCertificatesByCA", s[1]),
        ("GET", 1) when s[0] == "registrationcode" => ("GetRegistrationCode", null),
        ("POST", 2) when s[0] == "things" => ("CreateThing", s[1]),
        ("GET", 2) when s[0] == "things" => ("DescribeThing", s[1]),
        ("DELETE", 2) when s[0] == "things" => ("DeleteThing", s[1]),
        ("PUT", 3) when s[0] == "things" && s[2] == "principals" => ("AttachThingPrincipal", s[1]),
        ("DELETE", 3) when s[0] == "things" && s[2] == "principals" => ("DetachThingPrincipal", s[1]),
        ("GET", 3) when s[0] == "things" && s[2] == "principals" => ("ListThingPrincipals", s[1]),
        ("POST", 2) when s[0] == "policies" => ("CreatePolicy", s[1]),
        ("GET", 2) when s[0] == "policies" => ("GetPolicy", s[1]),
        ("PUT", 2) when s[0] == "target-policies" => ("AttachPolicy", s[1]),
        ("POST", 2) when s[0] == "target-policies" => ("DetachPolicy", s[1]),
        ("GET", 1) when s[0] == "endpoint" => ("DescribeEndpoint", null),
        _ => (null, null),
    };

    private static Dictionary<string, string> ParseQuery(string rawQuery)
    {
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = SigV4Encoding.Decode(equals < 0 ? part : part[..equals]);
            query[name] = equals < 0 ? "" : SigV4Encoding.Decode(part[(equals + 1)..]);
        }

        return query;
    }

    /// <summary>Epoch seconds with milliseconds, as AWS IoT writes timestamps.</summary>
    public static JsonNode Epoch(DateTimeOffset instant) => JsonValue.Create(instant.ToUnixTimeMilliseconds() / 1000m)!;
}
