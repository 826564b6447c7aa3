using System.Text.Json;

namespace Secretless.EndToEnd.Tests.Lifecycle;

/// <summary>Runs a <c>secretless … --json</c> command as a real process and returns its JSON document.</summary>
public static class CliJson
{
    public static async Task<JsonElement> RunAsync(params string[] arguments)
    {
        var result = await CliProcess.RunAsync([.. arguments, "--json"]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"secretless {string.Join(' ', arguments)} failed: {result}");
        }

        using var document = JsonDocument.Parse(result.StandardOutput);
        return document.RootElement.Clone();
    }

    /// <summary>The certificates of a thing as (id, status) from <c>things show NAME --json</c>, oldest first.</summary>
    public static async Task<IReadOnlyList<(string Id, string Status)>> ThingCertificatesAsync(string dataDirectory, string thingName, string? region = null)
    {
        string[] regionArguments = region is null ? [] : ["--region", region];
        var thing = await RunAsync(["things", "show", thingName, "--data", dataDirectory, .. regionArguments]);
        return thing.GetProperty("certificates").EnumerateArray()
            .Select(c => (c.GetProperty("certificateId").GetString()!, c.GetProperty("status").GetString()!))
            .ToList();
    }

    /// <summary>The status of one certificate from <c>certs show ID --json</c> (lowercase, e.g. <c>revoked</c>).</summary>
    public static async Task<string> CertificateStatusAsync(string dataDirectory, string certificateId, string? region = null)
    {
        string[] regionArguments = region is null ? [] : ["--region", region];
        var certificate = await RunAsync(["certs", "show", certificateId, "--data", dataDirectory, .. regionArguments]);
        return certificate.GetProperty("status").GetString()!;
    }
}
