using Serverless.Functions;
using Serverless.Functions.Links;
using Serverless.Host;

var builder = ServerlessApplication.CreateBuilder(args);
builder.Configuration.AddLinkDefaults();
builder.Services.AddTenderApp();
builder.Build().Run();
