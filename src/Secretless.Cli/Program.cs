using Secretless.Cli;

return await SecretlessCli.RunAsync(args, Console.Out, Console.Error, handleProcessTermination: true, CancellationToken.None);
