package output

import (
	"context"
	"fmt"
	"io"
	"slices"

	"github.com/shimgen/shimgen/gen"
)

// Write puts files, the generated files of d, on disk: it checks every
// destination first, then writes each file whose bytes changed, then, when
// complete (files are the outputs of every spec of d), removes the
// orphans. It lists what it wrote and removed on log, if not nil. Once ctx
// is done it starts no further write or removal and returns ErrInterrupted.
func (d Dir) Write(ctx context.Context, files []gen.File, complete bool, log io.Writer) error {
	targets := make([]target, len(files))
	for i, f := range files {
		t, err := d.owned(f)
		if err != nil {
			return err
		}
		targets[i] = t
	}
	for i, f := range files {
		if ctx.Err() != nil {
			return ErrInterrupted
		}
		changed, err := writeFile(targets[i], f.Data)
		if err != nil {
			return err
		}
		if changed && log != nil {
			fmt.Fprintf(log, "wrote %s\n", f.Path)
		}
	}
	if !complete {
		return nil
	}
	return d.removeOrphans(ctx, files, log)
}

// removeOrphans removes the orphans of d; see Orphans.
func (d Dir) removeOrphans(ctx context.Context, files []gen.File, log io.Writer) error {
	orphans, err := d.Orphans(files)
	if err != nil {
		return err
	}
	for _, o := range orphans {
		if ctx.Err() != nil {
			return ErrInterrupted
		}
		removed, err := d.remove(o)
		if err != nil {
			return err
		}
		switch {
		case !removed || log == nil:
		case slices.ContainsFunc(files, func(f gen.File) bool { return f.Spec == o.Spec }):
			fmt.Fprintf(log, "removed %s (its spec %s no longer generates it)\n", o.Path, o.Spec)
		default:
			fmt.Fprintf(log, "removed %s (its spec %s is gone)\n", o.Path, o.Spec)
		}
	}
	return nil
}
