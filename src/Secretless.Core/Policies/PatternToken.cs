namespace Secretless.Core.Policies;

/// <summary>One piece of a compiled policy pattern; <see cref="Text"/> is set for literals only.</summary>
internal readonly record struct PatternToken(PatternTokenKind Kind, string Text);
