using Agents.Server.Hosting;
using Microsoft.AspNetCore.Http;

namespace Agents.Server.OpenAI;

/// <summary>Streams engine updates as server-sent events. The first update is pulled before any byte is sent,
/// so errors such as a context overflow still become proper HTTP errors; later errors end the stream with an
/// error event. A client that disconnects cancels generation through the scope's token.</summary>
public static class StreamingDriver
{
    /// <summary>Runs the stream: <paramref name="onStart"/> after the headers, <paramref name="onUpdate"/> per update,
    /// <paramref name="onEnd"/> after the last one.</summary>
    public static async Task RunAsync<T>(
        HttpContext context,
        GenerationScope scope,
        IAsyncEnumerable<T> updates,
        Func<Task> onStart,
        Func<T, Task> onUpdate,
        Func<Task> onEnd)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(updates);
        ArgumentNullException.ThrowIfNull(onStart);
        ArgumentNullException.ThrowIfNull(onUpdate);
        ArgumentNullException.ThrowIfNull(onEnd);

        var enumerator = updates.GetAsyncEnumerator(scope.Token);
        try
        {
            bool has;
            try
            {
                has = await enumerator.MoveNextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (!scope.ClientGone)
            {
                throw ToRequestError(ex, scope);
            }

            await ServerSentEvents.StartAsync(context, context.RequestAborted).ConfigureAwait(false);
            await onStart().ConfigureAwait(false);
            try
            {
                while (has)
                {
                    await onUpdate(enumerator.Current).ConfigureAwait(false);
                    has = await enumerator.MoveNextAsync().ConfigureAwait(false);
                }

                await onEnd().ConfigureAwait(false);
            }
            catch (Exception ex) when (!scope.ClientGone)
            {
                var error = ToRequestError(ex, scope);
                var json = OpenAIErrors.ToJson(error.Message, error.ErrorType, error.Code, error.Param);
                await ServerSentEvents.WriteAsync(context, json, context.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (Exception) when (scope.ClientGone)
        {
            // The client disconnected: generation was cancelled through the scope's token; nothing can be sent.
        }
        finally
        {
            try
            {
                await enumerator.DisposeAsync().ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Disposing a cancelled engine stream may report the cancellation again.
            }
        }
    }

    /// <summary>The OpenAI error for an exception raised while generating.</summary>
    public static OpenAIRequestException ToRequestError(Exception exception, GenerationScope scope)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(scope);
        if (exception is OperationCanceledException && scope.Token.IsCancellationRequested)
        {
            return scope.DescribeCancellation();
        }

        return EngineErrors.TryMap(exception)
            ?? new OpenAIRequestException(500, $"The model failed: {exception.GetType().Name}: {exception.Message}", "server_error", "engine_error");
    }
}
