namespace Secretless.EndToEnd.Tests.Deployments;

/// <summary>A thing as the stack's registry holds it, with the certificates attached to it.</summary>
public sealed record RegisteredThingView(string Name, IReadOnlyList<RegisteredCertificateView> Certificates);
