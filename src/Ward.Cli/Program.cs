return Ward.Cli.WardApp.Run(args);
