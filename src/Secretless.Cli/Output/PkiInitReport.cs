namespace Secretless.Cli.Output;

/// <summary><c>pki init --json</c>: where the CA material is and whether this run created it.</summary>
public sealed record PkiInitReport(
    string DataDirectory,
    string RootCertificatePath,
    string ChainPemPath,
    bool Created,
    DateTimeOffset IssuerNotAfter);
