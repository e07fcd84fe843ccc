using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using CloudRebue.Core.Api;
using Xunit;

namespace CloudRebue.Core.Tests.Api;

public class FailureClassifierTests
{
    [Theory]
    [InlineData(200, null)]
    [InlineData(204, null)]
    [InlineData(401, ApiFailureKind.TokenRejected)]
    [InlineData(429, ApiFailureKind.RateLimited)]
    [InlineData(503, ApiFailureKind.Unavailable)]
    [InlineData(500, ApiFailureKind.ServerError)]
    [InlineData(502, ApiFailureKind.ServerError)]
    [InlineData(403, ApiFailureKind.Refused)]
    [InlineData(404, ApiFailureKind.Refused)]
    [InlineData(422, ApiFailureKind.Refused)]
    public void StatusCodes(int status, ApiFailureKind? expected)
    {
        Assert.Equal(expected, FailureClassifier.FromStatus(status));
    }

    [Fact]
    public void ARefusedConnectionIsUnreachable()
    {
        var ex = new HttpRequestException("Connection refused", new SocketException((int)SocketError.ConnectionRefused));
        Assert.Equal(ApiFailureKind.Unreachable, FailureClassifier.FromException(ex));
    }

    [Fact]
    public void AnUnknownHostIsUnreachable()
    {
        var ex = new HttpRequestException("Name or service not known", new SocketException((int)SocketError.HostNotFound));
        Assert.Equal(ApiFailureKind.Unreachable, FailureClassifier.FromException(ex));
    }

    [Fact]
    public void AFailedTlsHandshakeIsUnreachable()
    {
        var ex = new HttpRequestException("SSL", new AuthenticationException("handshake failed"));
        Assert.Equal(ApiFailureKind.Unreachable, FailureClassifier.FromException(ex));
    }

    [Fact]
    public void OurOwnTimeoutIsATimeout()
    {
        Assert.Equal(ApiFailureKind.Timeout, FailureClassifier.FromException(new TaskCanceledException()));
    }

    [Fact]
    public void AResetAfterSendingCountsAsMayHaveActed()
    {
        var ex = new HttpRequestException("reset", new IOException("reset", new SocketException((int)SocketError.ConnectionReset)));
        Assert.Equal(ApiFailureKind.ConnectionLost, FailureClassifier.FromException(ex));
    }

    [Theory]
    [InlineData("{\"status\":false,\"message\":\"Unauthenticated.\"}", "Unauthenticated.")]
    [InlineData("{\"message\":{\"phone\":[\"The phone field is required.\"]}}", "phone: The phone field is required.")]
    [InlineData("{\"message\":\"The given data was invalid.\",\"errors\":{\"sender\":[\"Unknown sender.\"]}}", "The given data was invalid.; sender: Unknown sender.")]
    [InlineData("Bad Gateway", "Bad Gateway")]
    public void ApiMessageReadsLaravelShapes(string body, string expected)
    {
        Assert.Equal(expected, FailureClassifier.ApiMessage(Encoding.UTF8.GetBytes(body), t => t));
    }

    [Fact]
    public void ApiMessageIsCutSoAHugeBodyCannotFloodAnError()
    {
        string text = FailureClassifier.ApiMessage(Encoding.UTF8.GetBytes(new string('x', 5000)), t => t);
        Assert.Equal(303, text.Length);
        Assert.EndsWith("...", text);
    }
}
