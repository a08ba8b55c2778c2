/**
 * A panel's heading with PNG (2×) and SVG of its picture at the right (SavePicture): for the pictures
 * that are not charts — feature maps, attention maps, heat strips, the latent map and manifold, the
 * computation graph.
 */
import { SavePicture } from './SavePicture';

export function PictureHeading({ title, target, name, testId }: { title: string; target: string; name: string; testId: string }) {
  return (
    <div className="picture-heading">
      <h3>{title}</h3>
      <SavePicture target={target} name={name} testId={testId} svg />
    </div>
  );
}
