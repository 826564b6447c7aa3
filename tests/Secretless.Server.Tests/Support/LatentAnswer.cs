using System.Net;
using System.Text.Json;

namespace Secretless.Server.Tests.Support;

/// <summary>A 202 from POST /new: Location and the JSON body, checked to agree.</summary>
public sealed record LatentAnswer(Uri Location, DateTimeOffset ExpiresAt)
{
    public static async Task<LatentAnswer> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"Expected 202, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var location = response.Headers.Location ?? throw new InvalidOperationException("The 202 has no Location.");
        Assert.True(location.IsAbsoluteUri, $"Location '{location}' is not absolute.");
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        Assert.Equal(location.AbsoluteUri, root.GetProperty("certificateUrl").GetString());
        var expiresAtText = root.GetProperty("expiresAt").GetString()!;
        Assert.EndsWith("Z", expiresAtText, StringComparison.Ordinal);
        return new LatentAnswer(location, DateTimeOffset.Parse(expiresAtText, System.Globalization.CultureInfo.InvariantCulture));
    }
}
