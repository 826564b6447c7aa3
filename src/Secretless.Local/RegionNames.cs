using System.Diagnostics.CodeAnalysis;

namespace Secretless.Local;

/// <summary>
/// Names of embedded regions: AWS-style (<c>eu-west-1</c>), lowercase letters, digits and dashes,
/// 1–32 characters, so a name is also a safe file name and appears unchanged in logs and URLs.
/// </summary>
public static class RegionNames
{
    public const int MaxLength = 32;

    public static bool TryValidate(string? name, [NotNullWhen(false)] out string? error)
    {
        if (string.IsNullOrEmpty(name))
        {
            error = "A region name must not be empty.";
            return false;
        }

        if (name.Length > MaxLength)
        {
            error = $"Region name '{name[..MaxLength]}…' is longer than {MaxLength} characters.";
            return false;
        }

        if (!name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') || name[0] == '-' || name[^1] == '-')
        {
            error = $"Region name '{name}' may hold only lowercase letters, digits and inner dashes (e.g. eu-west-1).";
            return false;
        }

        error = null;
        return true;
    }
}
