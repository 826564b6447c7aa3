using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Secretless.TestSupport.Aws;

/// <summary>AWS IoT policy operations: create, get, attach to and detach from a target.</summary>
internal sealed partial class IotPolicyOperations(FakeIot iot)
{
    /// <summary>AWS IoT allows at most this many policies on one target.</summary>
    private const int MaxPoliciesPerTarget = 10;

    public FakeAwsReply CreatePolicy(IotCall call)
    {
        var name = call.RequiredLabel;
        if (!PolicyNamePattern().IsMatch(name))
        {
            throw IotCertificateOperations.Invalid($"Policy name {name} must match [\\w+=,.@-]+ and be at most 128 characters.");
        }

        var document = call.BodyString("policyDocument") ?? throw IotCertificateOperations.Invalid("policyDocument is required.");
        try
        {
            using var parsed = JsonDocument.Parse(document);
            if (parsed.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FakeAwsServiceError("MalformedPolicyException", "The policy document must be a JSON object.");
            }
        }
        catch (JsonException)
        {
            throw new FakeAwsServiceError("MalformedPolicyException", "The policy document is not valid JSON.");
        }

        var policy = new FakeIotPolicy(name, FakeIot.PolicyArn(name), document, iot.Clock.GetUtcNow(), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
        lock (iot.Gate)
        {
            if (iot.PolicyStore.ContainsKey(name))
            {
                throw new FakeAwsServiceError(
                    "ResourceAlreadyExistsException",
                    $"Policy cannot be created - name already exists (name={name})",
                    new Dictionary<string, string> { ["resourceArn"] = policy.Arn, ["resourceId"] = name });
            }

            iot.PolicyStore[name] = policy;
        }

        return IotRequestHandler.Ok(new JsonObject
        {
            ["policyArn"] = policy.Arn,
            ["policyDocument"] = policy.Document,
            ["policyName"] = policy.Name,
            ["policyVersionId"] = "1",
        });
    }

    public FakeAwsReply GetPolicy(IotCall call)
    {
        var policy = Policy(call.RequiredLabel);
        return IotRequestHandler.Ok(new JsonObject
        {
            ["creationDate"] = IotRequestHandler.Epoch(policy.CreationDate),
            ["defaultVersionId"] = "1",
            ["generationId"] = policy.GenerationId,
            ["lastModifiedDate"] = IotRequestHandler.Epoch(policy.CreationDate),
            ["policyArn"] = policy.Arn,
            ["policyDocument"] = policy.Document,
            ["policyName"] = policy.Name,
        });
    }

    public FakeAwsReply AttachPolicy(IotCall call)
    {
        var name = call.RequiredLabel;
        var target = call.BodyString("target") ?? throw IotCertificateOperations.Invalid("target is required.");
        lock (iot.Gate)
        {
            _ = iot.PolicyStore.GetValueOrDefault(name) ?? throw IotCertificateOperations.NotFound($"The policy {name} does not exist.");
            iot.EnsurePrincipalExists(target);
            var attached = iot.PolicyTargetStore.Count(p => p.Value.Contains(target));
            var targets = iot.PolicyTargetStore.TryGetValue(name, out var set) ? set : iot.PolicyTargetStore[name] = new HashSet<string>(StringComparer.Ordinal);
            if (!targets.Contains(target) && attached >= MaxPoliciesPerTarget)
            {
                throw new FakeAwsServiceError("LimitExceededException", "The number of policies attached to the target exceeds the limit.");
            }

            targets.Add(target);
        }

        return IotRequestHandler.OkEmpty();
    }

    public FakeAwsReply DetachPolicy(IotCall call)
    {
        var name = call.RequiredLabel;
        var target = call.BodyString("target") ?? throw IotCertificateOperations.Invalid("target is required.");
        lock (iot.Gate)
        {
            _ = iot.PolicyStore.GetValueOrDefault(name) ?? throw IotCertificateOperations.NotFound($"The policy {name} does not exist.");
            if (iot.PolicyTargetStore.TryGetValue(name, out var targets))
            {
                targets.Remove(target);
            }
        }

        return IotRequestHandler.OkEmpty();
    }

    private FakeIotPolicy Policy(string name)
    {
        lock (iot.Gate)
        {
            return iot.PolicyStore.GetValueOrDefault(name) ?? throw IotCertificateOperations.NotFound($"The policy {name} does not exist.");
        }
    }

    [GeneratedRegex(@"^[\w+=,.@-]{1,128}$")]
    private static partial Regex PolicyNamePattern();
}
