namespace Secretless.Local.Pki;

/// <summary>A DER CRL and the CA that signed it.</summary>
public sealed record LocalCrl(string IssuerId, byte[] Der, long CrlNumber, DateTimeOffset ThisUpdate);
