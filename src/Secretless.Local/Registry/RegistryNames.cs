using System.Text.Json;

namespace Secretless.Local.Registry;

/// <summary>Input checks shared by the registry's writers, with AWS IoT's rules for names.</summary>
internal static class RegistryNames
{
    /// <summary>AWS IoT policy names: 1–128 of <c>[A-Za-z0-9_+=,.@-]</c>.</summary>
    public static void ValidatePolicyName(string policyName)
    {
        ArgumentException.ThrowIfNullOrEmpty(policyName);
        if (policyName.Length > 128 || !policyName.All(c => char.IsAsciiLetterOrDigit(c) || "_+=,.@-".Contains(c, StringComparison.Ordinal)))
        {
            throw new ArgumentException(
                $"Policy name '{policyName}' is invalid: use 1–128 characters of letters, digits and _+=,.@-.",
                nameof(policyName));
        }
    }

    /// <summary>AWS IoT thing names: 1–128 of <c>[A-Za-z0-9:_-]</c>.</summary>
    public static void ValidateThingName(string thingName)
    {
        ArgumentException.ThrowIfNullOrEmpty(thingName);
        if (thingName.Length > 128 || !thingName.All(c => char.IsAsciiLetterOrDigit(c) || c is ':' or '_' or '-'))
        {
            throw new ArgumentException(
                $"Thing name '{thingName}' is invalid: use 1–128 characters of letters, digits and :_-.",
                nameof(thingName));
        }
    }

    /// <summary>A policy document must be one JSON object.</summary>
    public static void ValidatePolicyDocument(string policyDocument)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(policyDocument);
        try
        {
            using var document = JsonDocument.Parse(policyDocument);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ArgumentException("The policy document must be a JSON object.", nameof(policyDocument));
            }
        }
        catch (JsonException exception)
        {
            throw new ArgumentException($"The policy document is not valid JSON: {exception.Message}", nameof(policyDocument), exception);
        }
    }

    /// <summary>Certificate ids are 64 lowercase hex characters (SHA-256 of the DER).</summary>
    public static void ValidateCertificateId(string certificateId)
    {
        ArgumentException.ThrowIfNullOrEmpty(certificateId);
        if (certificateId.Length != 64 || !certificateId.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException($"Certificate id '{certificateId}' is not 64 lowercase hex characters.", nameof(certificateId));
        }
    }
}
