using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Secretless.TestSupport.Aws;

/// <summary>AWS IoT registry operations: things, thing principals, and DescribeEndpoint.</summary>
internal sealed partial class IotRegistryOperations(FakeIot iot)
{
    public FakeAwsReply CreateThing(IotCall call)
    {
        var name = call.RequiredLabel;
        if (!ThingNamePattern().IsMatch(name))
        {
            throw IotCertificateOperations.Invalid($"Thing name {name} must match [a-zA-Z0-9:_-]+ and be at most 128 characters.");
        }

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (call.Body.ValueKind == JsonValueKind.Object
            && call.Body.TryGetProperty("attributePayload", out var payload) && payload.ValueKind == JsonValueKind.Object
            && payload.TryGetProperty("attributes", out var map) && map.ValueKind == JsonValueKind.Object)
        {
            foreach (var attribute in map.EnumerateObject())
            {
                attributes[attribute.Name] = attribute.Value.ValueKind == JsonValueKind.String ? attribute.Value.GetString()! : attribute.Value.GetRawText();
            }
        }

        var typeName = call.BodyString("thingTypeName");
        FakeIotThing thing;
        lock (iot.Gate)
        {
            if (iot.ThingStore.TryGetValue(name, out var existing))
            {
                // Documented: same name and configuration succeeds; a different configuration is an error.
                var same = existing.ThingTypeName == typeName
                    && existing.Attributes.Count == attributes.Count
                    && existing.Attributes.All(a => attributes.TryGetValue(a.Key, out var v) && v == a.Value);
                if (!same)
                {
                    throw new FakeAwsServiceError(
                        "ResourceAlreadyExistsException",
                        $"Thing {name} already exists in account with different attributes",
                        new Dictionary<string, string> { ["resourceArn"] = existing.Arn, ["resourceId"] = existing.Id });
                }

                thing = existing;
            }
            else
            {
                thing = new FakeIotThing(name, Guid.NewGuid().ToString(), FakeIot.ThingArn(name), attributes, typeName, 1);
                iot.ThingStore[name] = thing;
            }
        }

        return IotRequestHandler.Ok(new JsonObject { ["thingArn"] = thing.Arn, ["thingId"] = thing.Id, ["thingName"] = thing.Name });
    }

    public FakeAwsReply DescribeThing(IotCall call)
    {
        var thing = Thing(call.RequiredLabel);
        var attributes = new JsonObject();
        foreach (var (key, value) in thing.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            attributes[key] = value;
        }

        var body = new JsonObject
        {
            ["attributes"] = attributes,
            ["defaultClientId"] = thing.Name,
            ["thingArn"] = thing.Arn,
            ["thingId"] = thing.Id,
            ["thingName"] = thing.Name,
        };
        if (thing.ThingTypeName is not null)
        {
            body["thingTypeName"] = thing.ThingTypeName;
        }

        body["version"] = thing.Version;
        return IotRequestHandler.Ok(body);
    }

    public FakeAwsReply DeleteThing(IotCall call)
    {
        var name = call.RequiredLabel;
        lock (iot.Gate)
        {
            if (iot.ThingStore.TryGetValue(name, out var thing))
            {
                if (call.QueryValue("expectedVersion") is { } expected && expected != thing.Version.ToString(CultureInfo.InvariantCulture))
                {
                    throw new FakeAwsServiceError("VersionConflictException", $"The version for thing {name} does not match the expected version.");
                }

                if (iot.ThingPrincipalStore.TryGetValue(name, out var principals) && principals.Count > 0)
                {
                    throw IotCertificateOperations.Invalid($"Cannot delete thing {name} while it has attached principals.");
                }

                iot.ThingStore.Remove(name);
                iot.ThingPrincipalStore.Remove(name);
            }
        }

        return IotRequestHandler.OkEmpty();
    }

    public FakeAwsReply AttachThingPrincipal(IotCall call)
    {
        var name = call.RequiredLabel;
        var principal = Principal(call);
        lock (iot.Gate)
        {
            _ = iot.ThingStore.GetValueOrDefault(name) ?? throw ThingNotFound(name);
            iot.EnsurePrincipalExists(principal);
            var principals = iot.ThingPrincipalStore.TryGetValue(name, out var set) ? set : iot.ThingPrincipalStore[name] = new HashSet<string>(StringComparer.Ordinal);
            principals.Add(principal);
        }

        return IotRequestHandler.Ok(new JsonObject());
    }

    public FakeAwsReply DetachThingPrincipal(IotCall call)
    {
        var name = call.RequiredLabel;
        var principal = Principal(call);
        lock (iot.Gate)
        {
            _ = iot.ThingStore.GetValueOrDefault(name) ?? throw ThingNotFound(name);
            if (iot.ThingPrincipalStore.TryGetValue(name, out var principals))
            {
                principals.Remove(principal);
            }
        }

        return IotRequestHandler.Ok(new JsonObject());
    }

    public FakeAwsReply ListThingPrincipals(IotCall call)
    {
        var name = call.RequiredLabel;
        var maxResults = int.TryParse(call.QueryValue("maxResults"), NumberStyles.None, CultureInfo.InvariantCulture, out var max) ? max : 25;
        var start = int.TryParse(call.QueryValue("nextToken"), NumberStyles.None, CultureInfo.InvariantCulture, out var token) ? token : 0;
        if (maxResults is < 1 or > 250)
        {
            throw IotCertificateOperations.Invalid("maxResults must be between 1 and 250.");
        }

        List<string> all;
        lock (iot.Gate)
        {
            _ = iot.ThingStore.GetValueOrDefault(name) ?? throw ThingNotFound(name);
            all = iot.ThingPrincipalStore.TryGetValue(name, out var set) ? [.. set.Order(StringComparer.Ordinal)] : [];
        }

        var page = all.Skip(start).Take(maxResults).ToList();
        var next = start + page.Count < all.Count ? (start + page.Count).ToString(CultureInfo.InvariantCulture) : null;
        return IotRequestHandler.Ok(new JsonObject { ["nextToken"] = next, ["principals"] = new JsonArray([.. page.Select(p => (JsonNode)p)]) });
    }

    public FakeAwsReply DescribeEndpoint(IotCall call)
    {
        var region = FakeAwsEndpoint.Region;
        var address = call.QueryValue("endpointType") switch
        {
            null or "iot:Data" => $"{iot.EndpointPrefix}.iot.{region}.amazonaws.com",
            "iot:Data-ATS" => iot.DataAtsEndpoint,
            "iot:CredentialProvider" => $"{iot.EndpointPrefix}.credentials.iot.{region}.amazonaws.com",
            "iot:Jobs" => $"{iot.EndpointPrefix}.jobs.iot.{region}.amazonaws.com",
            var other => throw IotCertificateOperations.Invalid($"Endpoint type {other} is not valid."),
        };
        return IotRequestHandler.Ok(new JsonObject { ["endpointAddress"] = address });
    }

    private static string Principal(IotCall call) =>
        call.Headers.TryGetValue("x-amzn-principal", out var principal) && !string.IsNullOrWhiteSpace(principal)
            ? principal
            : throw IotCertificateOperations.Invalid("The x-amzn-principal header is required.");

    private FakeIotThing Thing(string name)
    {
        lock (iot.Gate)
        {
            return iot.ThingStore.GetValueOrDefault(name) ?? throw ThingNotFound(name);
        }
    }

    private static FakeAwsServiceError ThingNotFound(string name) => IotCertificateOperations.NotFound($"Thing {name} cannot be found.");

    [GeneratedRegex("^[a-zA-Z0-9:_-]{1,128}$")]
    private static partial Regex ThingNamePattern();
}
