using Secretless.Deploy;

// dotnet run --project deploy/Secretless.Deploy [-- key=value …]: synthesizes offline into
// deploy/cdk.out (CDK_OUTDIR overrides). key=value arguments are CDK context, like cdk's -c.
var context = new Dictionary<string, object>(StringComparer.Ordinal);
foreach (var argument in args)
{
    var equals = argument.IndexOf('=', StringComparison.Ordinal);
    if (equals <= 0)
    {
        Console.Error.WriteLine($"Arguments are context values key=value; '{argument}' is not.");
        return 2;
    }

    context[argument[..equals]] = argument[(equals + 1)..];
}

var outdir = SecretlessApp.DefaultOutdir();
var deployment = SecretlessApp.Build(outdir, context.Count > 0 ? context : null);
var assembly = deployment.App.Synth();
foreach (var stack in assembly.Stacks)
{
    foreach (var message in stack.Messages)
    {
        // Warnings (a stub function, a placeholder CA) matter before a deploy; the CLI prints them too.
        Console.Error.WriteLine($"{message.Level.ToString().ToLowerInvariant()}: {stack.StackName}: {message.Entry.Data}");
    }
}

Console.WriteLine($"Synthesized {assembly.Stacks.Length} stacks into {assembly.Directory}");
return 0;
