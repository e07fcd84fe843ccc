using CloudRebue.Core.Sending;

namespace CloudRebue.PowerShell.Sending
{
    /// <summary>
    /// Send-RebueVoiceSms's results: a call is not billed in SMS units (the price of a call is not documented), so
    /// the SMS units a preview computes from the text are dropped before the result is written.
    /// </summary>
    internal sealed class VoiceResultOutput : ISendRunOutput
    {
        private readonly ISendRunOutput _inner;

        public VoiceResultOutput(ISendRunOutput inner) => _inner = inner;

        public void Write(SendResult result)
        {
            result.SmsUnits = null;
            _inner.Write(result);
        }

        public void Notice(string text) => _inner.Notice(text);

        public void Waiting() => _inner.Waiting();
    }
}
