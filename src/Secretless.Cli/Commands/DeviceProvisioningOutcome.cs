namespace Secretless.Cli.Commands;

/// <summary>
/// How one provisioning attempt ended: a stored certificate, or the HTTP status and problem code
/// the service answered (null when the service was not reached) with the exit code it maps to.
/// <see cref="Message"/> is the full one-line error; <see cref="Detail"/> the service's own words.
/// </summary>
internal sealed record DeviceProvisioningOutcome(
    Output.ProvisionReport? Report,
    int? HttpStatus,
    string? ProblemCode,
    string Message,
    int ExitCode,
    string Detail)
{
    public bool Succeeded => Report is not null;
}
