using System.Diagnostics.CodeAnalysis;
using Secretless.Core.Errors;

namespace Secretless.Core.Devices;

/// <summary>
/// The device id is the AWS IoT thing name: 1–128 characters of [A-Za-z0-9:_-].
/// </summary>
public static class DeviceIdRules
{
    public const int MaxLength = 128;

    public static bool TryValidate(string? id, [NotNullWhen(false)] out ProvisioningError? error)
    {
        if (string.IsNullOrEmpty(id))
        {
            error = ProvisioningErrors.DeviceIdInvalid("The device id is empty.");
            return false;
        }

        if (id.Length > MaxLength)
        {
            error = ProvisioningErrors.DeviceIdInvalid(
                $"The device id has {id.Length} characters; at most {MaxLength} are allowed.");
            return false;
        }

        for (var i = 0; i < id.Length; i++)
        {
            if (!IsAllowed(id[i]))
            {
                // Position only: echoing the character could inject into logs or terminals.
                error = ProvisioningErrors.DeviceIdInvalid(
                    $"The device id has a character other than [A-Za-z0-9:_-] at position {i + 1}.");
                return false;
            }
        }

        error = null;
        return true;
    }

    public static bool IsValid(string? id) => TryValidate(id, out _);

    private static bool IsAllowed(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is ':' or '_' or '-';
}
