package stdadapt

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/shimgen/shimgen/runtimes"
)

type hiddenRoundTripper struct{ RoundTripperAsync }

// TestHTTPThroughForms: an http.Client whose transport is the server's,
// fed to the callback form on each runtime and plugged back as an
// http.RoundTripper, round-trips requests to an httptest server on
// 127.0.0.1, body and errors included.
func TestHTTPThroughForms(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("X-Path", r.URL.Path)
		io.WriteString(w, "got "+string(body))
	}))
	defer srv.Close()
	for name, rt := range runtimesUnderTest(t) {
		t.Run(name, func(t *testing.T) {
			async := hiddenRoundTripper{NewRoundTripperAsync(RoundTripperFromHTTPRoundTripper(srv.Client().Transport), rt)}
			client := &http.Client{Transport: HTTPRoundTripperFromRoundTripper(NewRoundTripperBlocking(async, rt), context.Background())}
			for range 3 {
				resp, err := client.Post(srv.URL+"/p", "text/plain", strings.NewReader("x"))
				if err != nil {
					t.Fatal(err)
				}
				data, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				if err != nil || string(data) != "got x" || resp.Header.Get("X-Path") != "/p" {
					t.Fatalf("response %q, %q, %v", data, resp.Header.Get("X-Path"), err)
				}
			}
			if err := rt.Close(context.Background()); err != nil {
				t.Fatal(err)
			}
			if _, err := client.Get(srv.URL); !errors.Is(err, runtimes.ErrClosed) {
				t.Fatalf("Get after Close = %v, want runtimes.ErrClosed", err)
			}
		})
	}
}
