using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Text.Json;
using System.Threading.Tasks;
using Polly;

namespace OtherModule.Polly8
{
    /// <summary>Uses each dependency this module ships and reports which file served it.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "Polly8")]
    public sealed class InvokePolly8Command : PSCmdlet
    {
        protected override void EndProcessing()
        {
            // Polly.Core 8.1.0's API, run through a pipeline with a timeout strategy.
            ResiliencePipeline pipeline = new ResiliencePipelineBuilder().AddTimeout(TimeSpan.FromSeconds(30)).Build();
            int answer = pipeline.Execute(() => 42);

            var result = new PSObject();
            result.Properties.Add(new PSNoteProperty("PipelineResult", answer));
            result.Properties.Add(new PSNoteProperty("PollyFile", typeof(ResiliencePipeline).Assembly.Location));
            result.Properties.Add(new PSNoteProperty("Json", JsonSerializer.Serialize(new Dictionary<string, int> { ["answer"] = answer })));
            result.Properties.Add(new PSNoteProperty("StreamSum", SumAsync().GetAwaiter().GetResult()));
            WriteObject(result);
        }

        // An async stream: IAsyncEnumerable comes from Microsoft.Bcl.AsyncInterfaces on netstandard2.0.
        private static async Task<int> SumAsync()
        {
            int sum = 0;
            await foreach (int value in CountAsync())
            {
                sum += value;
            }

            return sum;
        }

        private static async IAsyncEnumerable<int> CountAsync()
        {
            for (int i = 1; i <= 3; i++)
            {
                await Task.Yield();
                yield return i;
            }
        }
    }
}
