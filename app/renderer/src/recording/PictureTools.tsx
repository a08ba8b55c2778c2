/**
 * A lab's picture tools in one row: Record… (GIF / WebM), PNG (2×) and SVG (vectors for SVG pictures,
 * the pixels for canvases) — what every lab with an animation shows beside its picture (RecordButton,
 * SavePicture).
 */
import { RecordButton } from './RecordButton';
import { SavePicture } from './SavePicture';

export function PictureTools({ target, name, prefix }: { target: string; name: string; prefix: string }) {
  return (
    <div className="record-row">
      <RecordButton target={target} name={name} testId={`${prefix}-record`} />
      <SavePicture target={target} name={name} testId={`${prefix}-picture`} svg />
    </div>
  );
}
