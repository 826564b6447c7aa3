namespace Secretless.Cli.Infrastructure;

/// <summary>
/// Process exit codes. Scripts rely on these numbers, so they never change meaning;
/// docs/configuration.md and every command's --help list them.
/// </summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int UsageError = 2;
    public const int NotFound = 3;
    public const int ImportRejected = 4;
    public const int PkiNotInitialized = 5;
    public const int ProvisioningRefused = 6;
    public const int ServerUnreachable = 7;

    public const string HelpText = """
        Exit codes:
          0  ok
          1  failure or refusal
          2  usage error (unknown command or option, missing argument)
          3  not found (e.g. devices show with an unknown id)
          4  import rejected (bad manifest lines or key conflicts; nothing was imported)
          5  PKI not initialized (run 'secretless pki init' or 'secretless serve')
          6  refused by the server (provisioning: 4xx answer; MQTT: failure reason code)
          7  server unreachable (connection, TLS, timeout or 5xx failure)
        """;
}
