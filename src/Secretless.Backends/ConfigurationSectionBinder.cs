using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Secretless.Backends;

/// <summary>
/// Binds one <c>Secretless:&lt;Port&gt;</c> section onto a backend's options object and reports,
/// instead of silently ignoring, keys that name no option (a typo such as <c>TabelName</c>) and
/// values that do not convert. Only options of simple types are configurable: credentials and
/// other objects come from the AWS chain or code, never from a configuration file.
/// </summary>
internal static class ConfigurationSectionBinder
{
    /// <summary>The key that chooses the backend; it is not an option of the backend.</summary>
    public const string TypeKey = "Type";

    public static void Bind<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TOptions>(
        IConfigurationSection section, TOptions options, ICollection<string> problems)
        where TOptions : class
        => Bind(section, options, problems, ignoredKeys: [TypeKey]);

    // Generic with the annotation so trimming (the AOT Lambda host) keeps every option's setter.
    public static void Bind<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TOptions>(
        IConfigurationSection section, TOptions options, ICollection<string> problems, IReadOnlyCollection<string> ignoredKeys)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(options);
        var settable = SettableSimpleProperties(typeof(TOptions));
        foreach (var child in section.GetChildren())
        {
            if (ignoredKeys.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!settable.TryGetValue(child.Key, out var property))
            {
                problems.Add(settable.Count == 0
                    ? $"SL2102: {child.Path} is not an option: this backend takes none."
                    : $"SL2102: {child.Path} is not an option of this backend; valid options are {string.Join(", ", settable.Keys.Order(StringComparer.Ordinal))}.");
                continue;
            }

            if (child.Value is null)
            {
                problems.Add($"SL2103: {child.Path} must be a single value, not a section.");
                continue;
            }

            if (!TryConvert(child.Value, property.PropertyType, out var value))
            {
                problems.Add($"SL2104: {child.Path} = '{child.Value}' is not a valid {Describe(property.PropertyType)}.");
                continue;
            }

            property.SetValue(options, value);
        }
    }

    private static Dictionary<string, PropertyInfo> SettableSimpleProperties(
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] Type type)
        => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0 && IsSimple(p.PropertyType))
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

    private static bool IsSimple(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying.IsPrimitive || underlying.IsEnum || underlying == typeof(string) || underlying == typeof(TimeSpan)
            || underlying == typeof(Uri) || underlying == typeof(decimal) || underlying == typeof(DateTimeOffset);
    }

    private static bool TryConvert(string text, Type type, out object? value)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null && text.Length == 0)
        {
            value = null;
            return true;
        }

        var target = underlying ?? type;
        value = null;
        if (target == typeof(string))
        {
            value = text;
            return true;
        }

        if (target == typeof(Uri))
        {
            var ok = Uri.TryCreate(text, UriKind.Absolute, out var uri);
            value = uri;
            return ok;
        }

        if (target == typeof(TimeSpan))
        {
            var ok = TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span);
            value = span;
            return ok;
        }

        if (target.IsEnum)
        {
            // Names only: a number would bypass the enum's meaning.
            var ok = Enum.TryParse(target, text, ignoreCase: true, out var parsed) && !char.IsDigit(text.TrimStart('-')[0]) && Enum.IsDefined(target, parsed!);
            value = parsed;
            return ok;
        }

        if (target == typeof(bool))
        {
            var ok = bool.TryParse(text, out var flag);
            value = flag;
            return ok;
        }

        try
        {
            value = Convert.ChangeType(text, target, CultureInfo.InvariantCulture);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or InvalidCastException)
        {
            return false;
        }
    }

    private static string Describe(Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target.IsEnum)
        {
            return $"value: use one of {string.Join(", ", Enum.GetNames(target))}";
        }

        return target == typeof(TimeSpan) ? "duration (d.hh:mm:ss, e.g. 00:00:20)"
            : target == typeof(Uri) ? "absolute URL"
            : target == typeof(bool) ? "boolean (true or false)"
            : target.Name.ToLowerInvariant() switch
            {
                "int32" or "int64" => "whole number",
                var name => name,
            };
    }
}
