namespace Secretless.Backends;

/// <summary>The options of a backend that takes none: any key but <c>Type</c> is reported as unknown.</summary>
internal sealed class NoSettings;
