using SecureBase.Cli;
using SecureBase.Web;

// `dotnet run --project src/SecureBase -- <subcommand>` runs a command and exits
// (see `-- help`); with no subcommand the web application starts.
if (args.Length > 0 && Subcommands.Find(args[0]) is { } command)
{
    return await command.RunAsync(args[1..], Console.Out, Console.Error);
}

if (args.Length > 0 && Subcommands.LooksLikeACommand(args[0]))
{
    return await Subcommands.UnknownAsync(args[0], Console.Error);
}

var app = SecureBaseApp.Create(args);
var urls = app.Configuration["urls"] ?? app.Configuration["ASPNETCORE_URLS"] ?? "http://localhost:5000";
if (Addresses.FirstInUse(urls) is { } busy)
{
    // One plain line naming the setting to change, not a stack trace.
    await Console.Error.WriteLineAsync(Addresses.InUseMessage(busy));
    return 1;
}

try
{
    await app.RunAsync();
}
catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
{
    // Taken by another program between the check and the start.
    await Console.Error.WriteLineAsync(Addresses.InUseMessage(urls));
    return 1;
}

return 0;

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;
