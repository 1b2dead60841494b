using Serverless.Functions;
using Serverless.Host;

var builder = ServerlessApplication.CreateBuilder(args);
builder.Services.AddTenderApp();
builder.Build().Run();
