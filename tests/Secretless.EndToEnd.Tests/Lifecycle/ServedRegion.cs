namespace Secretless.EndToEnd.Tests.Lifecycle;

/// <summary>One region of <c>serve --regions</c>: its name, provisioning URL and the MQTT endpoint its <c>/new</c> returns.</summary>
public sealed record ServedRegion(string Name, Uri Url, string Endpoint);
