using SecureBase.Cli;
using SecureBase.Web;

// `dotnet run --project src/SecureBase -- <subcommand>` runs a command and exits
// (see `-- help`); with no subcommand the web application starts.
if (args.Length > 0 && Subcommands.Find(args[0]) is { } command)
{
    return await command.RunAsync(args[1..], Console.Out, Console.Error);
}

var app = SecureBaseApp.Create(args);
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;
