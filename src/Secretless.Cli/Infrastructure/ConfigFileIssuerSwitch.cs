using System.Text.Json;
using System.Text.Json.Nodes;

namespace Secretless.Cli.Infrastructure;

/// <summary>
/// Rewrites the <c>--config</c> file after <c>ca rotate</c> on AWS: <c>Secretless:Issuer:CertificateAuthorityArn</c>
/// becomes the new CA, and a <c>Secretless:Registry:CaCertificatePem</c> kept in the file becomes its
/// certificate (AWS IoT registers device certificates against it). Written to a temporary file
/// next to it and renamed over it, so a reader sees the old file or the new one, never half of one.
/// </summary>
internal static class ConfigFileIssuerSwitch
{
    /// <returns>The keys changed, as <c>Section:Key</c> paths.</returns>
    public static IReadOnlyList<string> Apply(FileInfo file, string certificateAuthorityArn, string caCertificatePem)
    {
        var root = JsonNode.Parse(File.ReadAllText(file.FullName), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
            ?? throw new CliException(ExitCodes.UsageError, $"--config {file.FullName} is not a JSON object.");
        var secretless = Child(root, "Secretless");
        var issuer = Child(secretless, "Issuer");
        var changed = new List<string> { "Secretless:Issuer:CertificateAuthorityArn" };
        issuer[KeyIn(issuer, "CertificateAuthorityArn")] = certificateAuthorityArn;
        if (Existing(secretless, "Registry") is JsonObject registry && Existing(registry, "CaCertificatePem") is not null)
        {
            registry[KeyIn(registry, "CaCertificatePem")] = caCertificatePem;
            changed.Add("Secretless:Registry:CaCertificatePem");
        }

        var temporary = Path.Combine(file.DirectoryName ?? ".", $".{file.Name}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporary, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine);
            File.Move(temporary, file.FullName, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        return changed;
    }

    // Configuration keys are case-insensitive: keep the spelling the file already uses.
    private static string KeyIn(JsonObject parent, string key) =>
        parent.Select(pair => pair.Key).FirstOrDefault(name => string.Equals(name, key, StringComparison.OrdinalIgnoreCase)) ?? key;

    private static JsonNode? Existing(JsonObject parent, string key) => parent[KeyIn(parent, key)];

    private static JsonObject Child(JsonObject parent, string key)
    {
        if (Existing(parent, key) is JsonObject child)
        {
            return child;
        }

        child = new JsonObject();
        parent[KeyIn(parent, key)] = child;
        return child;
    }
}
