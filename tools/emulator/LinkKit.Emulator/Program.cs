return await LinkKit.Emulator.Cli.CommandLine.RunAsync(args);
