namespace Secretless.Local.Registry;

/// <summary>A thing as listed: its name, when it was created and how many certificates it has.</summary>
public sealed record ThingSummary(string Name, DateTimeOffset CreatedAt, int PrincipalCount);
