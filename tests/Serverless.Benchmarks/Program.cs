using Serverless.Benchmarks;

return await BenchmarkCommand.RunAsync(args);
