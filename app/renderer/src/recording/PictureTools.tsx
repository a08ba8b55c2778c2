/**
 * A lab's picture tools in one row: Record… (GIF / WebM) and PNG (2×), with SVG for SVG pictures — what
 * every lab with an animation shows beside its picture (RecordButton, SavePicture).
 */
import { RecordButton } from './RecordButton';
import { SavePicture } from './SavePicture';

export function PictureTools({ target, name, prefix, svg = false }: { target: string; name: string; prefix: string; svg?: boolean }) {
  return (
    <div className="record-row">
      <RecordButton target={target} name={name} testId={`${prefix}-record`} />
      <SavePicture target={target} name={name} testId={`${prefix}-picture`} svg={svg} />
    </div>
  );
}
